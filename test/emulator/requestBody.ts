// Reads a whole request body (multipart through busboy, JSON, or anything else) before any answer,
// so a client still uploading never meets a closed connection and every request is recorded in full.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';

/** The documented upload limit, read as binary megabytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Bodies that are not multipart are kept up to this size; the rest is read and dropped. */
const MAX_OTHER_BODY_BYTES = 1024 * 1024;

export interface UploadedFile {
	fieldName: string;
	fileName: string;
	mimeType: string;
	bytes: Buffer;
	/** Busboy hit `limits.fileSize`; `bytes` holds only the first MAX_FILE_BYTES. */
	truncated: boolean;
}

export interface RequestBody {
	/** True when the Content-Type was multipart/form-data with a boundary busboy accepted. */
	multipart: boolean;
	fields: Record<string, string>;
	files: UploadedFile[];
	json?: unknown;
	/** Why the multipart body could not be read (bad boundary, cut-off form …). */
	multipartError?: string;
}

export async function readRequestBody(req: IncomingMessage): Promise<RequestBody> {
	const contentType = req.headers['content-type'] ?? '';
	if (/^multipart\/form-data\b/i.test(contentType)) return readMultipart(req);
	const raw = await readRaw(req);
	const body: RequestBody = { multipart: false, fields: {}, files: [] };
	if (/^application\/json\b/i.test(contentType) && raw.length > 0) {
		try {
			body.json = JSON.parse(raw.toString('utf8'));
		} catch {
			// An unparseable JSON body is recorded without `json`; no documented route reads one.
		}
	}
	return body;
}

function readMultipart(req: IncomingMessage): Promise<RequestBody> {
	const body: RequestBody = { multipart: true, fields: {}, files: [] };
	const chunksByFile = new Map<UploadedFile, Buffer[]>();
	const finish = (): RequestBody => {
		for (const [file, chunks] of chunksByFile) file.bytes = Buffer.concat(chunks);
		return body;
	};
	return new Promise((resolve) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers: req.headers, limits: { fileSize: MAX_FILE_BYTES } });
		} catch (error) {
			// e.g. "Multipart: Boundary not found": the server reads it as a request without a form.
			body.multipart = false;
			body.multipartError = errorMessage(error);
			void drain(req).then(() => resolve(body));
			return;
		}
		parser.on('field', (name, value) => {
			body.fields[name] = value;
		});
		parser.on('file', (fieldName, stream, info) => {
			const file = collectFile(fieldName, stream, info, chunksByFile);
			body.files.push(file);
		});
		parser.on('close', () => resolve(finish()));
		parser.on('error', (error: unknown) => {
			req.unpipe(parser);
			body.multipartError = errorMessage(error);
			void drain(req).then(() => resolve(finish()));
		});
		// A client that gives up mid-upload: keep what arrived, the answer goes nowhere anyway.
		req.once('error', (error) => {
			body.multipartError = errorMessage(error);
			resolve(finish());
		});
		req.pipe(parser);
	});
}

function collectFile(
	fieldName: string,
	stream: Readable,
	info: busboy.FileInfo,
	chunksByFile: Map<UploadedFile, Buffer[]>,
): UploadedFile {
	const file: UploadedFile = {
		fieldName,
		fileName: info.filename ?? '',
		mimeType: info.mimeType,
		bytes: Buffer.alloc(0),
		truncated: false,
	};
	const chunks: Buffer[] = [];
	chunksByFile.set(file, chunks);
	stream.on('data', (chunk: Buffer) => chunks.push(chunk));
	// Busboy stops passing data on at the limit but goes on reading the request to its end.
	stream.on('limit', () => {
		file.truncated = true;
	});
	// A form cut off inside the file destroys its stream; the parser reports the same error to readMultipart.
	stream.on('error', () => undefined);
	return file;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let kept = 0;
		req.on('data', (chunk: Buffer) => {
			if (kept + chunk.length > MAX_OTHER_BODY_BYTES) return;
			chunks.push(chunk);
			kept += chunk.length;
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('close', () => resolve(Buffer.concat(chunks)));
	});
}

function drain(req: IncomingMessage): Promise<void> {
	return new Promise((resolve) => {
		if (req.readableEnded || req.destroyed) return resolve();
		req.on('end', resolve);
		req.on('close', resolve);
		req.resume();
	});
}
