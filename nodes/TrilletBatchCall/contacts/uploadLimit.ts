import { formatCount } from './describeProblems';
import { ContactsError } from './errors';
import { MAX_UPLOAD_BYTES } from './types';

/**
 * Throws before an upload Trillet would refuse (HTTP 413) for its size. Multipart parsers such
 * as busboy (under multer) refuse a file that reaches the limit, so 20 MiB exactly is refused too.
 */
export function assertWithinUploadLimit(byteLength: number, subject: string, hint: string): void {
	if (byteLength < MAX_UPLOAD_BYTES) return;
	const size = `${formatMegabytes(byteLength)} (${formatCount(byteLength)} bytes)`;
	const limit = `20 MB (${formatCount(MAX_UPLOAD_BYTES)} bytes)`;
	throw new ContactsError(`${subject} is ${size}; Trillet accepts files under ${limit}.`, hint);
}

function formatMegabytes(byteLength: number): string {
	return `${(byteLength / (1024 * 1024)).toFixed(1)} MB`;
}
