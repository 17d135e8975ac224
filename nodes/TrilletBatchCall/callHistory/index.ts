// The workspace's call history (GET /v2/api/call-history): filters, reading, and the call items
// built from it. Shared by Call → Get Many and the Trillet Trigger.
export { agentFilterField, batchFilterField, outcomesField, readHistoryFilters, type HistoryFilters } from './historyFilters';
export {
	describeCall,
	hasOutcome,
	historyRecordsFrom,
	isFinished,
	recordKey,
	startedAtMs,
	transcriptText,
	OUTCOMES,
	type HistoryRecord,
	type Outcome,
} from './historyRecords';
export { historyQs, readHistory, requestHistoryPage, type HistoryQuery } from './readHistory';
