import { type StoredBody } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type ReportReason, type Store, type StoredReport } from '../../store/types';
import { type MessageTarget } from '../messages/messages.service';
import { msgKeyOf } from '../messages/view';

/** M16: a report as the admin listing shows it. */
export interface ReportView {
  reportId: string;
  reporter: string;
  reason: ReportReason;
  note: string;
  /** Unix ms of the report. */
  time: number;
  message: {
    from: string;
    to: string;
    clientMsgId: string;
    msgKey: string;
    seq: number;
    /** Unix ms when it was sent. */
    time: number;
    /** The body when it was reported (a later recall or edit does not change it). */
    body: StoredBody;
  };
}

/** M16: people report messages they can see; admins list the reports. */
export class ReportsService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  /** Stores a report of a message the reporter can see; reporting the same message again returns the first report. */
  async report(reporter: string, target: MessageTarget, reason: ReportReason, note = ''): Promise<{ reportId: string }> {
    if (!target.between.includes(reporter)) throw new AppError('message_not_found');
    const result = await this.deps.store.reports.create({
      reporter,
      ref: { between: target.between, viewer: reporter, message: target.message },
      reason,
      note,
      time: this.deps.clock.now(),
    });
    if (result.status === 'not_found') throw new AppError('message_not_found');
    return { reportId: result.reportId };
  }

  /** For admins: newest first; pass the last `reportId` of a page as `beforeId` for the next. */
  async listReports(options: { limit: number; beforeId?: string }): Promise<{ reports: ReportView[]; hasMore: boolean }> {
    const page = await this.deps.store.reports.list({ limit: Math.min(Math.max(options.limit, 1), 500), beforeId: options.beforeId });
    return { reports: page.reports.map(toReportView), hasMore: page.hasMore };
  }
}

function toReportView(report: StoredReport): ReportView {
  return {
    reportId: report.reportId,
    reporter: report.reporter,
    reason: report.reason,
    note: report.note,
    time: report.time,
    message: {
      from: report.from,
      to: report.to,
      clientMsgId: report.clientMsgId,
      msgKey: msgKeyOf({ seq: report.seq, random: report.random, time: report.messageTime }),
      seq: report.seq,
      time: report.messageTime,
      body: report.bodySnapshot,
    },
  };
}
