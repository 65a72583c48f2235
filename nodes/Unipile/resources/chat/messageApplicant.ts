import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readParameters, requiredText } from '../../../shared/parameters';
import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, inboxLocator, textField, userIdField } from '../../shared/descriptions';
import { sendRouting } from '../../shared/routing';
import { checkStart, START_URL } from './start';

const show = { resource: ['chat'], operation: ['messageApplicant'] };

/** `specifics.linkedin.classic.applicant {id, messaging_token}`: no InMail credit (unipile-api.md §2.3). */
async function checkApplicant(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const hint =
		'Map it from the applicant returned by GET /linkedin/jobs/{job_id}/applicants/{applicant_id}.';
	readParameters(this, {
		applicantId: { label: 'Applicant ID', schema: requiredText(), hint },
		messagingToken: { label: 'Messaging Token', schema: requiredText(), hint },
	});
	return await checkStart.call(this, requestOptions);
}

export const messageApplicantOperation: INodePropertyOptions = {
	name: 'Message Applicant',
	value: 'messageApplicant',
	action: 'Message a job applicant',
	description:
		'Start a chat with an applicant to one of your job postings, without an InMail credit',
	routing: sendRouting(START_URL, checkApplicant),
};

export const messageApplicantFields: INodeProperties[] = [
	inboxLocator(show),
	userIdField(show, 'Applicant User ID'),
	{
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567890',
		description: 'The ID of the job applicant',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'specifics.linkedin.classic.applicant.id' } },
	},
	{
		displayName: 'Messaging Token',
		name: 'messagingToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'e.g. 2-MTYzOTA5...',
		description: 'The "messaging_token" of the job applicant',
		displayOptions: { show },
		routing: {
			send: { type: 'body', property: 'specifics.linkedin.classic.applicant.messaging_token' },
		},
	},
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
