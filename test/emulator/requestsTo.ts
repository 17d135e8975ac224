import type { RecordedRequest, TrilletEmulator } from './types';

/** The requests the emulator received for a method and a path (the path as sent, still encoded). */
export function requestsTo(emulator: TrilletEmulator, method: string, path: string | RegExp): RecordedRequest[] {
	return emulator.requests.filter(
		(request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)),
	);
}
