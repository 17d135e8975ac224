import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/**
 * The engine's view of stored credentials, for tests: values are held in memory instead of an
 * encrypted database, but the credential's own generic `authenticate` definition is applied
 * to each request exactly as n8n does, expressions and all.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly values: Record<string, ICredentialDataDecryptedObject>,
		/** Builds a throwaway workflow to resolve `={{$credentials…}}` when the caller has none. */
		private readonly scratchWorkflow: () => { workflow: Workflow; node: INode },
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const request = requestOptions as IHttpRequestOptions;
		const { authenticate } = this.typeNamed(typeName);
		if (authenticate === undefined) return request;
		if (typeof authenticate === 'function') return await authenticate(credentials, request);

		const scope = workflow && node ? { workflow, node } : this.scratchWorkflow();
		const resolve = (value: string) => this.resolve(value, credentials, scope);
		const { headers = {}, qs = {} } = authenticate.properties;
		request.headers = { ...request.headers };
		for (const [name, value] of Object.entries(headers)) request.headers[name] = resolve(String(value));
		request.qs = { ...request.qs };
		for (const [name, value] of Object.entries(qs)) request.qs[name] = resolve(String(value));
		return request;
	}

	/** Resolves one `={{…}}` value the way n8n does for credentials: `$credentials` in scope. */
	resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		{ workflow, node }: { workflow: Workflow; node: INode },
	): string {
		if (!value.startsWith('=')) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
			$credentials: credentials,
		});
		return String(resolved ?? '');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const values = this.values[type];
		if (values === undefined) throw new Error(`No test credentials of type "${type}" were given`);
		// n8n fills in the defaults of fields the user never touched; so do we.
		const defaults = Object.fromEntries(
			this.typeNamed(type).properties.map((p: INodeProperties) => [p.name, p.default]),
		) as ICredentialDataDecryptedObject;
		return { ...defaults, ...values };
	}

	typeNamed(name: string): ICredentialType {
		const type = this.types[name];
		if (type === undefined) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Tests read credentials through getDecrypted only');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.typeNamed(type).properties;
	}
}
