import { createServer } from 'node:http';

// Run only by noOpenHandlesEnvironment.test.ts: a file that closes what it opened.
test('starts a server and closes it', async () => {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	await new Promise<void>((resolve) => server.close(() => resolve()));
});
