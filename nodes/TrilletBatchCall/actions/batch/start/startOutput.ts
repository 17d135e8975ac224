import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { describeRow, type ValidationReport } from '../../../contacts';
import type { StartedBatch } from './startBatch';
import { echoStartRequest, type StartRequest } from './startRequest';

/** The output of a started batch: Trillet's answer first, then what the node checked and sent. */
export function describeStart(started: StartedBatch, upload: StartRequest, report: ValidationReport): IDataObject {
	return {
		...started.response,
		...(started.reused ? { alreadyStartedInThisRun: true } : {}),
		...echoStartRequest(upload),
		...describeReport(report),
	};
}

/** The validation report in the flat shape expressions reach easily: `{{ $json.rowsSkipped }}`. */
export function describeReport(report: ValidationReport): IDataObject {
	return {
		rowsRead: report.rowsRead,
		rowsSent: report.rowsSent,
		rowsSkipped: report.rowsSkipped,
		phoneNumbersNormalised: report.phoneNumbersNormalised,
		numbersCompletedWithDefaultCountry: report.numbers?.completedCount ?? 0,
		rowsExcluded: report.numbers?.excludedCount ?? 0,
		excludedRows: (report.numbers?.excluded ?? []).map(({ row, phone }) => ({ row: describeRow(row), ...row, phone })),
		columns: report.columns,
		skippedRows: report.problems.map((problem) => ({
			row: describeRow(problem.row),
			...problem.row,
			column: problem.column,
			value: problem.value,
			reason: problem.reason,
		})),
		warnings: report.warnings,
	};
}

/** A dry run: nothing is sent; the report and the exact CSV that would be uploaded come back. */
export async function dryRunItem(
	context: IExecuteFunctions,
	upload: StartRequest,
	report: ValidationReport,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const binaryField =
		context.getNodeParameter('source', 0, 'binary') === 'items'
			? 'data'
			: String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const bytes = Buffer.from(await upload.file.arrayBuffer());
	const csv = await context.helpers.prepareBinaryData(bytes, upload.fileName, 'text/csv');
	return {
		json: {
			dryRun: true,
			message: `Dry run: ${report.rowsSent} calls would be started; nothing was sent to Trillet`,
			...echoStartRequest(upload),
			...describeReport(report),
			completedNumbers: (report.numbers?.completed ?? []).map(({ row, value, phone }) => ({ row: describeRow(row), ...row, value, phone })),
		},
		binary: { [binaryField]: csv },
	};
}
