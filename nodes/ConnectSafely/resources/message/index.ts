import type { Resource } from '../../../shared/descriptions';
import { reply } from './reply';
import { send } from './send';
import { sendInMail } from './sendInMail';
import { sendWithTyping } from './sendWithTyping';

export const message: Resource = {
	name: 'Message',
	value: 'message',
	operations: [send, reply, sendInMail, sendWithTyping],
};
