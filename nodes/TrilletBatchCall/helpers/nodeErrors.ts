import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** An error of the pure core: what is wrong in `message`, what to do in `hint`. */
interface HintedError extends Error {
	hint: string;
}

function isHinted(error: unknown): error is HintedError {
	return error instanceof Error && typeof (error as Partial<HintedError>).hint === 'string';
}

/**
 * Gives any failure the shape n8n shows: errors of the pure core (contacts, schedule, callback)
 * become a NodeOperationError whose description is their hint; n8n's own errors pass unchanged.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
	subject?: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (isHinted(error)) {
		const message = subject ? `${subject}: ${error.message}` : error.message;
		return new NodeOperationError(node, message, { itemIndex, description: error.hint });
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
