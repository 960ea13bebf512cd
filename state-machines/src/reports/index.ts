/** Reports derived purely from stored records (the shift's Z report). */
export {
  Z_REPORT_FORMAT,
  Z_REPORT_TENDERS,
  buildZReport,
  canonicalJson,
  type ZDocumentTotals,
  type ZReport,
  type ZReportCreditNote,
  type ZReportInput,
  type ZReportInvoice,
  type ZReportLine,
  type ZReportTender,
  type ZTaxFigures,
} from './z-report.ts'
