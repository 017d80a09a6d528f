"""Documents for paper and the web: the 催办通知 and the 情况通报 as .docx laid out per
GB/T 9704-2012 (`officialdoc` holds the layout, `notice` and `report_docx` the content), the
通报 as a web page (`report_html`), and its charts (`charts` as SVG, `docxchart` as Word charts).
Each returns bytes or text; the commands write them."""
