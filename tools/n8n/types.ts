/** JSON shapes exchanged with n8n's CLI and APIs (only the parts the tooling relies on). */
import type {
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	IRunData,
	IWorkflowSettings,
} from 'n8n-workflow';

/** A workflow as `n8n import:workflow` and the public API take it. */
export interface WorkflowJson {
	/** At most 21 characters (`n8n execute --id` rejects longer ids); added if missing. */
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	active?: boolean;
	pinData?: IDataObject;
}

/**
 * A credential as `n8n import:credentials` takes it: `data` is plain and is encrypted with the
 * instance's key on import. `type` is the credential type name (global, no package prefix).
 * Nodes reference it as `credentials: { <type>: { id, name } }`.
 */
export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/** The error of a failed run as n8n serialises it. */
export interface RunError {
	message: string;
	name?: string;
	description?: string | null;
	httpCode?: string | null;
	node?: { name: string; type: string };
	stack?: string;
	[key: string]: unknown;
}

/** The IRun JSON printed by `n8n execute` (and stored for executions). */
export interface RunJson {
	status: ExecutionStatus;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string;
	data: { resultData: { runData: IRunData; error?: RunError; lastNodeExecuted?: string } };
}

/** Result of a headless run. */
export interface ExecutionResult {
	status: ExecutionStatus;
	/** Per node name: its runs; `runData[name][0].data.main[0][i].json` is item i of output 0. */
	runData: IRunData;
	error: RunError | undefined;
	/** The whole IRun object. */
	run: RunJson;
	/** File that holds n8n's output of this and the other CLI calls in the user folder. */
	logFile: string;
	durationMs: number;
}

/** One execution as the public API lists it. */
export interface ApiExecution {
	id: string;
	finished: boolean;
	mode: string;
	status: ExecutionStatus;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	/** With `includeData: true`. */
	data?: RunJson['data'];
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** A node type as listed by `/types/nodes.json` (only the fields the tooling reads). */
export interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string; required?: boolean }>;
	[key: string]: unknown;
}
