"""Words and documents made from an evaluation: the summary model, the content of the outputs, rendering through
the pack's templates, the рапорт and its DOCX, and the safe writing of files. Never imports the app."""
