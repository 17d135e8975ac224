// One emulator for the tests of a describe block (or of a whole file, called at its top level).
import { startTrilletEmulator } from './server';
import type { EmulatorOptions, TrilletEmulator } from './types';

/**
 * An emulator for the enclosing describe block: started before its tests, reset before each, closed after.
 *
 * Call it where `beforeAll` could be called. It returns at once a stand-in that forwards every
 * property read and method call to the running emulator, so tests and helpers use it as the emulator
 * itself; used before the block's `beforeAll` ran (or after its `afterAll`) it throws.
 * With `resetBeforeEach: false` the tests share what earlier tests and other `beforeAll`s left on it.
 */
export function useTrilletEmulator(options?: EmulatorOptions, { resetBeforeEach = true } = {}): TrilletEmulator {
	let running: TrilletEmulator | undefined;

	const current = (property: PropertyKey): TrilletEmulator => {
		if (running === undefined) {
			throw new Error(
				`emulator.${String(property)} was used while no emulator runs: useTrilletEmulator() starts it in the ` +
					'beforeAll of the describe block that calls it, and closes it in that block’s afterAll',
			);
		}
		return running;
	};

	beforeAll(async () => {
		running = await startTrilletEmulator(options);
	});
	if (resetBeforeEach) beforeEach(() => current('reset').reset());
	afterAll(async () => {
		const closing = running;
		running = undefined;
		// when the start failed there is nothing to close, and beforeAll's own error is the one to see
		await closing?.close();
	});

	return new Proxy({} as TrilletEmulator, {
		get(_, property) {
			const emulator = current(property);
			const value: unknown = Reflect.get(emulator, property, emulator);
			// methods run on the real emulator, also when taken off the stand-in: `const { advance } = emulator`
			return typeof value === 'function' ? value.bind(emulator) : value;
		},
		set: (_, property, value) => Reflect.set(current(property), property, value),
		has: (_, property) => Reflect.has(current(property), property),
	});
}
