/**
 * The tool schema each operation of our nodes offers an AI agent, as a real n8n 2.41.1 sends it to
 * the model: one headless run of an AI Agent (v3.1) with one tool node per operation of Unipile and
 * ConnectSafely (`...Tool` node types, `$fromAI` for each operation's main inputs), whose OpenAI
 * Chat Model is the scripted model on 127.0.0.1 (tools/sandbox/openai.ts). From the model's first
 * request, for every tool: its name (the node name, sanitised), its description (n8n's automatic
 * one, `<operation action> in <defaults.name>`, computed here from our node descriptions) and its
 * parameters (the JSON schema n8n builds from the `$fromAI` placeholders), exactly.
 */
import type { INodeTypeDescription } from 'n8n-workflow';

import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import type { N8nInstall, WorkflowJson } from '../../tools/n8n';
import {
	agentWorkflow,
	aiAgent,
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	fromAI,
	importCredentials,
	importWorkflows,
	installPackage,
	manualTrigger,
	node,
	openAiChatModel,
	progress,
	repoRoot,
	rl,
} from '../../tools/n8n';
import { openAiApi } from '../../tools/sandbox/credentials';
import type { ChatTool, OpenAiSandbox } from '../../tools/sandbox/openai';
import { answer, startOpenAiSandbox } from '../../tools/sandbox/openai';
import { autoToolDescription, operationsOf, toolName } from './toolDescriptions';

const PACKAGE = 'n8n-nodes-linkedin-messaging';
const unipileCredential = { unipileApi: { id: 'e2eToolsUnipile01', name: 'Unipile' } };
const connectSafelyCredential = { connectSafelyApi: { id: 'e2eToolsConnSafe1', name: 'CS' } };
const openAiCredential = { id: 'e2eToolsOpenAi001', name: 'Scripted model' };

type ArgType = 'string' | 'number';
/** One tool node: the operation it runs, its `$fromAI` inputs (key → parameter, description, type). */
interface ToolCase {
	name: string;
	resource: string;
	operation: string;
	parameters: Record<string, unknown>;
	/** The tool's arguments, in the order n8n lists them: key → [description, type]. */
	args: Record<string, [string, ArgType]>;
}

/** `$fromAI(key, description, type)`, recorded so the expected schema follows the parameters. */
function ai(args: ToolCase['args'], key: string, description: string, type: ArgType = 'string') {
	args[key] = [description, type];
	return fromAI(key, description, type);
}

function toolCase(
	name: string,
	resource: string,
	operation: string,
	build: (
		arg: (key: string, description: string, type?: ArgType) => string,
	) => Record<string, unknown>,
): ToolCase {
	const args: ToolCase['args'] = {};
	const parameters = build((key, description, type) => ai(args, key, description, type));
	return { name, resource, operation, parameters, args };
}

const CHAT = 'The Unipile chat ID, e.g. from Get Many Chats';
const TEXT = 'The message text';
const LIMIT = 'How many to return, at most';
const RECIPIENT = 'The LinkedIn public profile ID (after linkedin.com/in/) or profile URL';
const PROFILE = 'The LinkedIn profile URL, public identifier or provider ID';
const INVITATION = 'The invitation ID, from Get Many Invitations';
const MESSAGE = 'The message ID, e.g. from Get Many Messages';

const UNIPILE_CASES: ToolCase[] = [
	toolCase('Unipile Get Chat', 'chat', 'get', (arg) => ({
		chat: rl(arg('chat', CHAT)),
	})),
	toolCase('Unipile Mark Chat as Read', 'chat', 'markRead', (arg) => ({
		chat: rl(arg('chat', CHAT)),
	})),
	toolCase('Unipile Get Many Chats', 'chat', 'getAll', (arg) => ({
		limit: arg('limit', LIMIT, 'number'),
	})),
	toolCase('Unipile Message Applicant', 'chat', 'messageApplicant', (arg) => ({
		userId: arg('applicant_user_id', "The applicant's LinkedIn provider ID"),
		applicantId: arg('applicant_id', 'The job applicant ID'),
		messagingToken: arg('messaging_token', "The applicant's messaging_token"),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Message Organization', 'chat', 'messageOrganization', (arg) => ({
		userId: arg('organization_id', 'The LinkedIn ID of the company or school'),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Start Chat', 'chat', 'start', (arg) => ({
		userId: arg('recipient', PROFILE),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Start Group Chat', 'chat', 'startGroup', (arg) => ({
		userIds: arg('member_ids', "The members' LinkedIn provider IDs, separated by commas"),
		groupName: arg('group_name', 'The group name'),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Start InMail', 'chat', 'startInMail', (arg) => ({
		userId: arg('recipient_id', "The recipient's LinkedIn provider ID"),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Forward Message', 'message', 'forward', (arg) => ({
		chat: rl(arg('source_chat', 'The chat that holds the message')),
		messageId: arg('message_id', 'The ID of the message to forward'),
		destinationChat: rl(arg('destination_chat', 'The chat to forward it to')),
		text: arg('comment', 'An optional comment'),
	})),
	toolCase('Unipile Get Message', 'message', 'get', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		message: rl(arg('message_id', MESSAGE)),
	})),
	toolCase('Unipile React to Message', 'message', 'react', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		message: rl(arg('message_id', MESSAGE)),
		reaction: arg('reaction', 'One emoji, e.g. 👍'),
	})),
	toolCase('Unipile Download Attachment', 'attachment', 'download', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		message: rl(arg('message_id', MESSAGE)),
		attachment: rl(arg('attachment_id', "The attachment's ID, from the message's attachments")),
	})),
	toolCase('Unipile Get Many Messages', 'message', 'getAll', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		limit: arg('limit', LIMIT, 'number'),
	})),
	toolCase('Unipile Reply to Message', 'message', 'reply', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		messageId: arg('message_id', 'The ID of the message to quote'),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Send Message', 'message', 'send', (arg) => ({
		chat: rl(arg('chat', CHAT)),
		text: arg('text', TEXT),
	})),
	toolCase('Unipile Get InMail Credits', 'inbox', 'getInMailCredits', () => ({})),
	toolCase('Unipile Get Many Inboxes', 'inbox', 'getAll', () => ({})),
	toolCase('Unipile Show Typing', 'inbox', 'setTyping', (arg) => ({
		chat: rl(arg('chat', CHAT)),
	})),
	toolCase('Unipile Get Profile', 'user', 'getProfile', (arg) => ({
		profile: arg('profile', PROFILE),
	})),
	toolCase('Unipile Send Invitation', 'invitation', 'send', (arg) => ({
		userId: arg('recipient', PROFILE),
		note: arg('note', 'An optional note, at most 300 characters'),
	})),
	toolCase('Unipile Get Many Invitations', 'invitation', 'getAll', (arg) => ({
		limit: arg('limit', LIMIT, 'number'),
	})),
	toolCase('Unipile Withdraw Invitation', 'invitation', 'withdraw', (arg) => ({
		invitationId: arg('invitation_id', INVITATION),
	})),
	toolCase('Unipile Accept Invitation', 'invitation', 'accept', (arg) => ({
		invitationId: arg('invitation_id', INVITATION),
	})),
	toolCase('Unipile Decline Invitation', 'invitation', 'decline', (arg) => ({
		invitationId: arg('invitation_id', INVITATION),
	})),
];

const CONNECTSAFELY_CASES: ToolCase[] = [
	toolCase('ConnectSafely Upload Attachment', 'attachment', 'upload', () => ({})),
	toolCase('ConnectSafely Get Many Conversations', 'conversation', 'getAll', (arg) => ({
		limit: arg('limit', LIMIT, 'number'),
	})),
	toolCase('ConnectSafely Get Conversation Messages', 'conversation', 'getMessages', (arg) => ({
		conversationUrn: rl(arg('conversation', 'The conversation URN (urn:li:msg_conversation:…)')),
		limit: arg('limit', LIMIT, 'number'),
	})),
	toolCase('ConnectSafely Reply', 'message', 'reply', (arg) => ({
		conversationUrn: rl(arg('conversation', 'The conversation URN (urn:li:msg_conversation:…)')),
		message: arg('message', TEXT),
	})),
	toolCase('ConnectSafely Send Message', 'message', 'send', (arg) => ({
		recipientProfileId: arg('recipient', RECIPIENT),
		message: arg('message', TEXT),
	})),
	toolCase('ConnectSafely Send InMail', 'message', 'sendInMail', (arg) => ({
		recipientProfileId: arg('recipient', RECIPIENT),
		message: arg('message', TEXT),
		additionalFields: { subject: arg('subject', 'The InMail subject line') },
	})),
	toolCase('ConnectSafely Send With Typing', 'message', 'sendWithTyping', (arg) => ({
		recipientProfileId: arg('recipient', RECIPIENT),
		message: arg('message', TEXT),
	})),
	toolCase('ConnectSafely Send Connection Request', 'invitation', 'send', (arg) => ({
		recipientProfileId: arg('recipient', RECIPIENT),
		note: arg('note', 'An optional note of at most 300 characters'),
	})),
	toolCase('ConnectSafely Get Profile', 'profile', 'get', (arg) => ({
		profileId: arg('profile', RECIPIENT),
	})),
	toolCase('ConnectSafely Check Relationship', 'relationship', 'check', (arg) => ({
		profileId: arg('profile', RECIPIENT),
	})),
];

const unipile = new Unipile().description;
const connectSafely = new ConnectSafely().description;

/** The schema n8n builds from `$fromAI` placeholders (zod → JSON schema draft-07). */
function schemaOf(args: ToolCase['args']) {
	const keys = Object.keys(args);
	return {
		type: 'object',
		properties: Object.fromEntries(
			keys.map((key) => [key, { type: args[key][1], description: args[key][0] }]),
		),
		...(keys.length ? { required: keys } : {}),
		additionalProperties: false,
		$schema: 'http://json-schema.org/draft-07/schema#',
	};
}

const tools = [
	...UNIPILE_CASES.map((entry) =>
		node(
			entry.name,
			`${PACKAGE}.unipileTool`,
			{
				resource: entry.resource,
				operation: entry.operation,
				account: rl('acc_demo_linkedin'),
				...entry.parameters,
			},
			{ credentials: unipileCredential },
		),
	),
	...CONNECTSAFELY_CASES.map((entry) =>
		node(
			entry.name,
			`${PACKAGE}.connectSafelyTool`,
			{ resource: entry.resource, operation: entry.operation, ...entry.parameters },
			{ credentials: connectSafelyCredential },
		),
	),
];

const workflow: WorkflowJson = agentWorkflow(
	'E2E agent: one tool per operation',
	{
		trigger: manualTrigger(),
		agent: aiAgent('Which tools do you have?'),
		model: openAiChatModel(openAiCredential),
		tools,
	},
	'e2eAgentAllTools01',
);

describe('the tool each operation offers an AI agent in a real n8n 2.41.1', () => {
	let install: N8nInstall;
	let userFolder: string;
	let model: OpenAiSandbox;
	let offered: ChatTool[];

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			model = await startOpenAiSandbox();
			await importCredentials(userFolder, [
				{ ...unipileCredential.unipileApi, type: 'unipileApi', data: { apiKey: 'unused' } },
				{
					...connectSafelyCredential.connectSafelyApi,
					type: 'connectSafelyApi',
					data: { apiKey: 'unused' },
				},
				openAiApi(openAiCredential, model),
			]);
			await importWorkflows(userFolder, [workflow]);
			model.script([answer('I can message people on LinkedIn.')]);
			const started = Date.now();
			const result = await executeWorkflow(userFolder, workflow.id as string, { install });
			progress(`agent with ${tools.length} tools: n8n execute took ${Date.now() - started} ms`);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(model.errors).toEqual([]);
			const requests = model.chatRequests();
			expect(requests).toHaveLength(1);
			offered = requests[0].tools ?? [];
			progress(
				`tools offered to the model:\n${offered
					.map(
						({ function: tool }) =>
							`  ${tool.name}: "${tool.description}" (${Object.keys(
								(tool.parameters?.properties as object | undefined) ?? {},
							).join(', ')})`,
					)
					.join('\n')}`,
			);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => await model?.close());

	it('has a tool node here for every operation of both nodes', () => {
		const pairs = (cases: ToolCase[]) =>
			cases.map((entry) => `${entry.resource}/${entry.operation}`);
		const ours = (description: INodeTypeDescription) =>
			operationsOf(description).map((entry) => `${entry.resource}/${entry.operation}`);
		expect(pairs(UNIPILE_CASES).sort()).toEqual(ours(unipile).sort());
		expect(pairs(CONNECTSAFELY_CASES).sort()).toEqual(ours(connectSafely).sort());
	});

	it('offers exactly one tool per tool node, named after the node', () => {
		expect(offered.map((tool) => tool.function.name).sort()).toEqual(
			tools.map((tool) => toolName(tool.name)).sort(),
		);
	});

	it.each([
		...UNIPILE_CASES.map((entry) => ({ entry, description: unipile })),
		...CONNECTSAFELY_CASES.map((entry) => ({ entry, description: connectSafely })),
	])('$entry.name: name, automatic description and $fromAI schema', ({ entry, description }) => {
		const tool = offered.find((candidate) => candidate.function.name === toolName(entry.name));
		expect(tool).toEqual({
			type: 'function',
			function: {
				name: toolName(entry.name),
				description: autoToolDescription(description, entry.resource, entry.operation),
				parameters: schemaOf(entry.args),
				strict: false,
			},
		});
	});
});
