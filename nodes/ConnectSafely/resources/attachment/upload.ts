import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { z } from 'zod';

import { loadBinaryFiles } from '../../../shared/binary';
import { binaryPropertyField, optionalFields } from '../../../shared/descriptions';
import { readParameters, requiredText } from '../../../shared/parameters';
import * as input from '../../shared/input';
import { parseBody } from '../../shared/errors';
import { uploadQuery } from '../../shared/transport';

const show = { resource: ['attachment'], operation: ['upload'] };

/**
 * The file as the RAW request body with its real MIME type, never multipart; `filename` and
 * `accountId` in the query (connectsafely-api.md §2.2).
 */
export async function prepareUpload(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const { account, binaryProperty } = readParameters(this, {
		account: input.account,
		binaryProperty: {
			label: 'Input Binary Field',
			schema: requiredText(),
			hint: 'Enter the name of the binary field that holds the file, e.g. data.',
		},
	});
	const { 'additionalFields.fileName': fileName } = input.readPresent(this, {
		'additionalFields.fileName': { label: 'File Name', schema: z.string().trim().optional() },
	});
	const [file] = await loadBinaryFiles(this, [binaryProperty], { field: 'Input Binary Field' });
	return {
		...requestOptions,
		qs: { ...requestOptions.qs, ...uploadQuery(fileName || file.fileName, account) },
		headers: { ...requestOptions.headers, 'Content-Type': file.mimeType },
		body: file.data,
		json: false,
	};
}

/** The upload answers `{ success, attachment }`: output the attachment, ready for a send. */
export async function outputAttachment(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = parseBody(response.body) as IDataObject | undefined;
	const attachment = body?.attachment;
	return [
		{
			json:
				attachment && typeof attachment === 'object' ? (attachment as IDataObject) : (body ?? {}),
		},
	];
}

export const uploadOperation: INodePropertyOptions = {
	name: 'Upload',
	value: 'upload',
	action: 'Upload an attachment',
	description: 'Upload a file for a later message; outputs the attachment object that a send takes',
	routing: {
		request: { method: 'POST', url: '/linkedin/conversations/upload-attachment' },
		send: { preSend: [prepareUpload] },
		output: { postReceive: [outputAttachment] },
	},
};

export const uploadFields: INodeProperties[] = [
	{
		...binaryPropertyField,
		required: true,
		description:
			'PNG, JPEG, GIF and WebP images are shown inline as photos; other types become downloadable files',
		displayOptions: { show },
	},
	optionalFields('additionalFields', show, [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. proposal.pdf',
			description:
				"Name shown to the recipient, with extension. Defaults to the binary's file name.",
		},
	]),
];
