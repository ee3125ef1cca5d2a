import { TencentError } from '../../errors';
import { type ReportView, type ReportsService } from '../../features/reports/reports.service';
import { type V4Command, isInteger } from './command';

const PARSE_FAILED = 90001;
const INTERNAL = 91000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** One ReportList entry, in the Tencent naming of the rest of the API. */
function reportEntry(report: ReportView): Record<string, unknown> {
  return {
    ReportId: report.reportId,
    Reporter_Account: report.reporter,
    Reason: report.reason,
    Note: report.note,
    ReportTime: Math.floor(report.time / 1000),
    Message: {
      From_Account: report.message.from,
      To_Account: report.message.to,
      MsgKey: report.message.msgKey,
      MsgSeq: report.message.seq,
      MsgTimeStamp: Math.floor(report.message.time / 1000),
      MsgBody: report.message.body,
    },
  };
}

/**
 * M16 `openim_ext/list_reports`: our own command, not Tencent's (Tencent has
 * no message reports). Admins review reported messages newest first, paged
 * with `BeforeReportId` = the previous page's `NextBeforeReportId`.
 */
export function reportCommands(reports: ReportsService): Record<string, V4Command> {
  return {
    'openim_ext/list_reports': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ body }) {
        const limit = body.Limit ?? DEFAULT_LIMIT;
        if (!isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new TencentError(PARSE_FAILED, `Limit must be an integer from 1 to ${MAX_LIMIT}.`);
        const before = body.BeforeReportId;
        if (before !== undefined && (typeof before !== 'string' || before.length === 0 || before.length > 64)) {
          throw new TencentError(PARSE_FAILED, 'BeforeReportId must be a ReportId from an earlier reply.');
        }
        const page = await reports.listReports({ limit, beforeId: before });
        const last = page.reports.at(-1);
        return {
          ReportList: page.reports.map(reportEntry),
          HasMore: page.hasMore ? 1 : 0,
          ...(page.hasMore && last ? { NextBeforeReportId: last.reportId } : {}),
        };
      },
    },
  };
}
