// Input Items mode: n8n items' JSON in, the batch CSV out.
export { buildCsvFromRecords, type ItemFieldMapping } from './itemsToCsv';
