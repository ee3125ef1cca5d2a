import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { targetIn } from '../messages/messages.handlers';
import { type ReportsService } from './reports.service';

export function reportHandlers(reports: ReportsService): AnyHandler[] {
  return [
    defineHandler('message:report', ({ userId }, input) =>
      reports.report(userId, targetIn(userId, input.conversationId, input.messageId), input.reason, input.note),
    ),
  ];
}
