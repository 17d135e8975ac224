// The workflow the screenshots open: one node per panel worth showing, filled in as a user would.
import { loadNodePackage } from '../../test/engine/nodePackage';

export interface Panel {
	nodeName: string;
	file: string;
	/** A parameter that is on screen once the panel has opened. */
	waitForParameter: string;
}

interface Agent {
	_id: string;
	name: string;
}

const TRILLET = 'n8n-nodes-trillet';

export function panelsWorkflow(credential: { id: string; name: string }, agent: Agent) {
	const credentials = { trilletApi: credential };
	const agentValue = { __rl: true, mode: 'list', value: agent._id, cachedResultName: agent.name };
	const node = (name: string, x: number, type: string, parameters: Record<string, unknown>) => ({
		id: `panel-${x}`,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials,
	});
	const nodes = [
		node('Call the CSV list', 220, `${TRILLET}.trilletBatchCall`, { operation: 'start', agent: agentValue, source: 'binary' }),
		node('Call these contacts', 440, `${TRILLET}.trilletBatchCall`, { operation: 'start', agent: agentValue, source: 'items' }),
	];
	const panels: Panel[] = [
		{ nodeName: 'Call the CSV list', file: 'start-batch-csv.png', waitForParameter: 'binaryPropertyName' },
		{ nodeName: 'Call these contacts', file: 'start-batch-items.png', waitForParameter: 'phoneField' },
	];
	// the trigger, when the package has one by the time this runs
	const trigger = Object.entries(loadNodePackage('dist').nodes).find(([type]) => /trigger/i.test(type));
	if (trigger) {
		const [type, nodeType] = trigger;
		const firstParameter = nodeType.description.properties.find((property) => property.type !== 'notice')?.name ?? 'event';
		nodes.push(node('Trillet trigger', 660, type, {}));
		panels.push({ nodeName: 'Trillet trigger', file: 'trigger.png', waitForParameter: firstParameter });
	}
	const workflow = {
		name: 'Trillet node panels',
		active: false,
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	return { workflow, panels };
}
