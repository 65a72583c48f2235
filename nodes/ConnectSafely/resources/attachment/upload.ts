import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { checkFiles } from '../../../shared/binary';
import type { Operation } from '../../../shared/descriptions';
import { binaryPropertyField, optionalFields } from '../../../shared/descriptions';
import { field, optionalText, optionField, requiredText } from '../../../shared/parameters';
import { parseBody } from '../../shared/errors';
import { ACTION } from '../../../shared/sendPipeline';
import { connectSafelySend, sendingAccount } from '../../shared/sending';

const file = field(
	{
		...binaryPropertyField,
		required: true,
		description:
			'PNG, JPEG, GIF and WebP images are shown inline as photos; other types become downloadable files',
	},
	requiredText(),
	'Enter the name of the binary field that holds the file, e.g. data.',
);

const fileName = optionField(
	'additionalFields',
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. proposal.pdf',
		description: "Name shown to the recipient, with extension. Defaults to the binary's file name.",
	},
	optionalText(),
	'Enter a file name with its extension, e.g. proposal.pdf.',
);

/** The upload answers `{ success, attachment }`: output the attachment, ready for a send. */
async function outputAttachment(
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

/**
 * Attachment → Upload: `POST /linkedin/conversations/upload-attachment`, the file as the RAW body
 * with its MIME type (never multipart), `filename` and `accountId` in the query
 * (docs/connectsafely.md#upload-an-attachment).
 */
export const uploadFile: Operation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a file',
		description:
			'Upload a file for a later LinkedIn message; outputs the attachment object that Message > Send or Reply takes',
		routing: {
			...connectSafelySend(async (item) => {
				const [binary] = await checkFiles(item, [item.get(file)], { field: file.label });
				const accountId = await sendingAccount(item);
				return {
					account: accountId,
					to: `file ${binary.fileName}`,
					method: 'POST',
					url: '/linkedin/conversations/upload-attachment',
					qs: { filename: item.get(fileName) || binary.fileName, accountId },
					body: { as: 'raw', file: binary },
				};
			}, ACTION),
			output: { postReceive: [outputAttachment] },
		},
	},
	fields: [file.property, optionalFields('additionalFields', [fileName.option])],
};
