// Reads one PDF given by its path and writes what the import or the scan check needs as JSON (ADR-019).
// Usage (by PdfReaderProcess only): dotnet Jianxun.PdfWorker.dll pages|count INPUT OUTPUT MAXPAGES
return Jianxun.Text.PdfReaderChild.Run(args);
