/**
 * Runs workflows through n8n-core's real execution engine (WorkflowExecute, and RoutingNode for
 * declarative nodes) in-process. Only what a server would inject is provided here: node types,
 * credentials (our credential classes' own `authenticate`), lifecycle hooks.
 */
import { DirectoryLoader, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

export interface EngineCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface RunResult {
	status: 'success' | 'error';
	error?: { message: string; description?: string | null; nodeName?: string };
	output(nodeName: string): INodeExecutionData[];
	runData: IRunData;
	/** How many times n8n decrypted a credential for the run (each is a database read in n8n). */
	credentialReads: number;
}

const START = 'Start';
/** URLs the engine builds for waits and forms; nothing listens there. */
const LOCAL = 'http://127.0.0.1:5678';

/** Start node: emits the test's input items (json + inline binary). */
function itemsNode(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Test Items',
			name: 'testItems',
			group: ['input'],
			version: 1,
			description: 'Emits the items a test gives',
			defaults: { name: START },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [items];
		},
	};
}

/**
 * A stand-in for n8n's Loop Over Items (n8n-nodes-base is not in the in-process engine): its first
 * run takes the input, each run emits the next `batchSize` items on output 1 ("loop"), and once
 * they are all out, one item on output 0 ("done"). Wire the loop's last node back into it.
 */
export function loopNode(batchSize: number): INodeType {
	return {
		description: {
			displayName: 'Test Loop',
			name: 'testLoop',
			group: ['transform'],
			version: 1,
			description: 'Emits its input in batches, one per run',
			defaults: { name: 'Loop' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const state = this.getContext('node') as { pending?: INodeExecutionData[] };
			state.pending ??= this.getInputData().map((item) => ({
				json: item.json,
				binary: item.binary,
			}));
			const batch = state.pending.splice(0, batchSize);
			return batch.length ? [[], batch] : [[{ json: { done: true } }], []];
		},
	};
}

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string) {
		return this.types[type];
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[type], version);
	}

	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{$credentials.x}}`-style values the way n8n's CredentialsHelper does. */
function resolve(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: WorkflowType | undefined,
	node: INode | undefined,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
	return workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
		$credentials: credentials,
	});
}

class CredentialsHelper implements ICredentialsHelper {
	reads = 0;

	constructor(
		private readonly types: ICredentialType[],
		private readonly stored: Record<string, EngineCredential>,
	) {}

	private type(name: string) {
		const type = this.types.find((candidate) => candidate.name === name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const merged: IHttpRequestOptions = { ...requestOptions };
		for (const part of ['headers', 'qs', 'body'] as const) {
			const values = authenticate.properties[part] as IDataObject | undefined;
			if (!values) continue;
			const resolved: IDataObject = {};
			for (const [key, value] of Object.entries(values)) {
				resolved[key] = resolve(value, credentials, workflow, node) as IDataObject[string];
			}
			merged[part] = { ...((requestOptions[part] as IDataObject | undefined) ?? {}), ...resolved };
		}
		return merged;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const stored = this.stored[nodeCredentials.id ?? ''] ?? this.stored[type];
		if (!stored) throw new Error(`No test credential ${nodeCredentials.id ?? type}`);
		const defaults = Object.fromEntries(
			this.type(type).properties.map((property: INodeProperties) => [
				property.name,
				property.default,
			]),
		);
		return { ...defaults, ...stored.data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return this.type(type).properties;
	}
}

/**
 * A node type as n8n's DirectoryLoader loads it: a declarative node gets n8n's "Request Options"
 * (Batching, Timeout, Proxy…) appended to its properties. Loaded once per class, as n8n does.
 */
const loaded = new Map<new () => INodeType, INodeType>();
export function loadNodeType(NodeClass: new () => INodeType): INodeType {
	let nodeType = loaded.get(NodeClass);
	if (!nodeType) {
		nodeType = new NodeClass();
		DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
		loaded.set(NodeClass, nodeType);
	}
	return nodeType;
}

export interface RunWorkflowOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
	/** Keyed by the credential id the workflow's nodes reference. */
	credentials?: Record<string, EngineCredential>;
	nodes: INode[];
	connections: WorkflowType['connectionsBySourceNode'];
	/** Items the start node emits; a start node named "Start" is added for them. */
	inputItems?: INodeExecutionData[];
	/** Cancels the execution when it settles, as the "Stop" button does. */
	cancelWhen?: Promise<unknown>;
}

let executions = 0;

export async function runWorkflow(options: RunWorkflowOptions): Promise<RunResult> {
	const items = options.inputItems ?? [{ json: {} }];
	const startNode: INode = {
		id: 'start',
		name: START,
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes = [startNode, ...options.nodes];
	const workflow = new Workflow({
		id: 'engineTest',
		name: 'Engine test',
		nodes,
		connections: options.connections,
		active: false,
		nodeTypes: new NodeTypes({ ...options.nodeTypes, 'test.items': itemsNode(items) }),
		settings: { executionOrder: 'v1' },
	});
	const executionId = String(++executions);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name ?? 'Engine test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections: options.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const credentialsHelper = new CredentialsHelper(
		options.credentialTypes,
		options.credentials ?? {},
	);
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${LOCAL}/rest`,
		instanceBaseUrl: `${LOCAL}/`,
		formBaseUrl: `${LOCAL}/form`,
		formWaitingBaseUrl: `${LOCAL}/form-waiting`,
		formTestBaseUrl: `${LOCAL}/form-test`,
		webhookBaseUrl: `${LOCAL}/webhook`,
		webhookWaitingBaseUrl: `${LOCAL}/webhook-waiting`,
		webhookTestBaseUrl: `${LOCAL}/webhook-test`,
		mcpBaseUrl: `${LOCAL}/mcp`,
		mcpTestBaseUrl: `${LOCAL}/mcp-test`,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code nodes are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	let run: IRun;
	try {
		const execution = new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: startNode as never,
		});
		void options.cancelWhen?.then(() => execution.cancel());
		run = await execution;
	} catch (thrown) {
		// n8n refuses to start a workflow with node issues (e.g. an empty required field).
		const message = thrown instanceof Error ? thrown.message : String(thrown);
		const issues = JSON.stringify((thrown as { issues?: unknown }).issues ?? {});
		return {
			status: 'error',
			error: { message: `${message} ${issues}` },
			output: () => [],
			runData: {},
			credentialReads: credentialsHelper.reads,
		};
	}
	const runData = run.data.resultData.runData;
	const error = run.data.resultData.error;
	return {
		status: error ? 'error' : 'success',
		error: error
			? {
					message: error.message,
					description: (error as { description?: string | null }).description,
					nodeName: (error as { node?: INode }).node?.name,
				}
			: undefined,
		output: (nodeName) => runData[nodeName]?.at(-1)?.data?.main?.[0] ?? [],
		runData,
		credentialReads: credentialsHelper.reads,
	};
}

export interface RunNodeOptions {
	nodeType: INodeType;
	/** n8n's node settings (Retry On Fail…), merged into the node. */
	settings?: Partial<INode>;
	cancelWhen?: Promise<unknown>;
	/** The type id as a workflow references it, e.g. n8n-nodes-linkedin-messaging.unipile. */
	type: string;
	parameters: INodeParameters;
	credentialType: ICredentialType;
	credentials: Record<string, EngineCredential>;
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Defaults to the node type's default name. */
	name?: string;
}

/** "Start → node under test", the node named like its type's default (e.g. "Unipile"). */
export async function runNode(options: RunNodeOptions): Promise<RunResult> {
	const name = options.name ?? String(options.nodeType.description.defaults.name);
	const [credentialName] = Object.keys(options.credentials);
	const node: INode = {
		id: 'under-test',
		name,
		type: options.type,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { [options.credentialType.name]: { id: credentialName, name: credentialName } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...options.settings,
	};
	return await runWorkflow({
		nodeTypes: { [options.type]: options.nodeType },
		credentialTypes: [options.credentialType],
		credentials: options.credentials,
		nodes: [node],
		connections: { [START]: { main: [[{ node: name, type: 'main', index: 0 }]] } },
		inputItems: options.inputItems,
		cancelWhen: options.cancelWhen,
	});
}

/** What a test passes on to `runNode` through `runOurNode`. */
export type RunOptions = Partial<
	Pick<RunNodeOptions, 'inputItems' | 'continueOnFail' | 'settings' | 'cancelWhen'>
> & {
	/** The ID of the node's credential (default: the credential type's name). */
	credentialId?: string;
};

/** No pacing and no look for earlier sends unless a test asks: request-shape tests see only the send. */
export const NO_PACING = { sendingOptions: { pacing: false, skipIfSent: false } };

/** `runNode` for a node of this package, with one credential of `credentialType` holding `data`. */
export async function runOurNode(
	NodeClass: new () => INodeType,
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	{ credentialId, ...options }: RunOptions,
): Promise<RunResult> {
	const nodeType = loadNodeType(NodeClass);
	return await runNode({
		nodeType,
		type: `n8n-nodes-linkedin-messaging.${nodeType.description.name}`,
		parameters,
		credentialType,
		credentials: { [credentialId ?? credentialType.name]: { type: credentialType.name, data } },
		...options,
	});
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** An input item with files as inline (base64) binary data, as n8n keeps small files. */
export function binaryItem(
	json: IDataObject,
	files: Record<string, { data: Buffer; mimeType: string; fileName: string }>,
): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, file] of Object.entries(files)) {
		binary[property] = {
			data: file.data.toString('base64'),
			mimeType: file.mimeType,
			fileName: file.fileName,
			fileExtension: file.fileName.split('.').pop(),
			bytes: file.data.length,
		};
	}
	return { json, binary };
}
