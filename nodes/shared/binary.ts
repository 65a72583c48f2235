import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidInput } from './errors';

export interface LoadedFile {
	property: string;
	data: Buffer;
	mimeType: string;
	fileName: string;
}

const MB = 1024 * 1024;

function formatSize(bytes: number) {
	return `${(bytes / MB).toFixed(1)} MB`;
}

/** File name with an extension (APIs need one to type the file). */
function fileNameOf(property: string, fileName?: string, extension?: string) {
	if (fileName && /\.[A-Za-z0-9]+$/.test(fileName)) return fileName;
	const base = fileName || property;
	return extension ? `${base}.${extension}` : base;
}

/**
 * Loads the named binary properties of the current item. A missing property, or files over
 * `maxTotalBytes` together, fail before any request, naming the property or the sizes.
 */
export async function loadBinaryFiles(
	context: IExecuteSingleFunctions,
	properties: string[],
	options: { field: string; maxTotalBytes?: number },
): Promise<LoadedFile[]> {
	const binary = context.getInputData().binary ?? {};
	for (const property of properties) {
		if (!property.trim()) {
			throw invalidInput(
				context,
				`An entry of "${options.field}" has no binary property name`,
				`Enter the name of the binary property that holds the file, e.g. data.`,
			);
		}
		if (!binary[property]) {
			const available = Object.keys(binary);
			throw invalidInput(
				context,
				`The item has no binary property "${property}" (set in "${options.field}")`,
				available.length
					? `This item's binary properties are: ${available.join(', ')}. Use one of them.`
					: 'This item has no binary data. Add a node that reads or downloads the file before this one.',
			);
		}
	}
	const files: LoadedFile[] = [];
	for (const property of properties) {
		const meta = binary[property];
		const data = await context.helpers.getBinaryDataBuffer(property);
		files.push({
			property,
			data,
			mimeType: meta.mimeType || 'application/octet-stream',
			fileName: fileNameOf(property, meta.fileName, meta.fileExtension),
		});
	}
	const total = files.reduce((sum, file) => sum + file.data.length, 0);
	if (options.maxTotalBytes !== undefined && total > options.maxTotalBytes) {
		const sizes = files
			.map((file) => `${file.property}: ${formatSize(file.data.length)}`)
			.join(', ');
		throw invalidInput(
			context,
			`The attachments are ${formatSize(total)} together, over the ${formatSize(options.maxTotalBytes)} limit`,
			`Sizes: ${sizes}. Send fewer or smaller files in "${options.field}".`,
		);
	}
	return files;
}
