import type { Resource } from '../../../shared/descriptions';
import { uploadFile } from './upload';

export const attachment: Resource = {
	name: 'Attachment',
	value: 'attachment',
	operations: [uploadFile],
};
