import { createServer } from 'node:http';

// Run only by noOpenHandlesEnvironment.test.ts: a file that forgets to close its server.
test('starts a server and forgets it', async () => {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
