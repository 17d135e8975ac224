// npm run screenshots — the node's panels as a user sees them in a real n8n editor, saved
// under docs/: Start Batch with a CSV, Start Batch from input items, the trigger (when the
// package has one) and the credential. Opt-in; needs Debian's chromium (/usr/bin/chromium) and
// the n8n that `npm run test:n8n` installs. The emulator stands in for Trillet.
//   npm run screenshots [-- 1.123.81|2.41.1]   (default: the newest n8n)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';

import { startTrilletEmulator, type TrilletEmulator } from '../test/emulator';
import { PACKAGE_ROOT } from '../test/engine/nodePackage';
import { emulatorCredentials } from '../test/engine/trilletWorkflow';
import { installAsN8nDoes, packInto } from '../test/package/packedPackage';
import { importInto } from './n8n/checks';
import type { N8nInstance } from './n8n/environment';
import { ensureN8n, N8N_VERSIONS } from './n8n/install';
import { freePort, type RunningN8n, startN8n } from './n8n/server';
import { panelsWorkflow, type Panel } from './screenshots/panels';

const DOCS = path.join(PACKAGE_ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const CREDENTIAL = { id: 'trilletcred00001', name: 'Trillet account' };

async function openPanel(page: Page, url: string, workflowId: string, panel: Panel): Promise<void> {
	await page.goto(`${url}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
	const node = await page.waitForSelector(`[data-test-id=canvas-node][data-node-name="${panel.nodeName}"]`, { timeout: 60_000 });
	await node?.click({ count: 2 });
	await page.waitForSelector(`[data-test-id=parameter-input-${panel.waitForParameter}]`, { timeout: 30_000 });
	await new Promise((resolve) => setTimeout(resolve, 1000)); // let hints and notices settle
}

async function shoot(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: path.join(DOCS, file) as `${string}.png` });
	console.log(`saved docs/${file}`);
}

async function takeScreenshots(n8n: RunningN8n, workflowId: string, panels: Panel[]): Promise<void> {
	const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1440, height: 1000 });
		const [name, value] = n8n.cookie().split('=');
		await page.setCookie({ name, value, domain: '127.0.0.1', path: '/' });
		for (const panel of panels) {
			await openPanel(page, n8n.url, workflowId, panel);
			await shoot(page, panel.file);
		}
		await page.goto(`${n8n.url}/home/credentials/${CREDENTIAL.id}`, { waitUntil: 'networkidle2' });
		await page.waitForSelector('[data-test-id=editCredential-modal]', { timeout: 30_000 });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await shoot(page, 'credential.png');
	} finally {
		await browser.close();
	}
}

async function main(): Promise<void> {
	const wanted = process.argv[2] ?? N8N_VERSIONS[N8N_VERSIONS.length - 1].version;
	const version = N8N_VERSIONS.find((candidate) => candidate.version === wanted);
	if (!version) throw new Error(`n8n ${wanted} is not one of ${N8N_VERSIONS.map((v) => v.version).join(', ')}`);
	const work = mkdtempSync(path.join(tmpdir(), 'trillet-screenshots-'));
	let emulator: TrilletEmulator | undefined;
	try {
		emulator = await startTrilletEmulator();
		const instance: N8nInstance = { runtime: ensureN8n(version), userFolder: path.join(work, 'user'), filesFolder: work, port: await freePort() };
		installAsN8nDoes(packInto(work), path.join(instance.userFolder, '.n8n', 'nodes'));
		await importInto(instance, 'credentials', [{ ...CREDENTIAL, type: 'trilletApi', data: emulatorCredentials(emulator).trilletApi }]);
		const { workflow, panels } = panelsWorkflow(CREDENTIAL, emulator.agents[0]);
		const n8n = await startN8n(instance);
		try {
			const created = await n8n.rest<{ id: string }>('POST', '/workflows', workflow);
			mkdirSync(DOCS, { recursive: true });
			await takeScreenshots(n8n, created.id, panels);
		} finally {
			await n8n.stop();
		}
	} finally {
		await emulator?.close();
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
