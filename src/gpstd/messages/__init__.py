"""Messages to units: reminder blocks as plain text, Markdown or JSON (`reminders`), and posting
them to a WeCom or DingTalk group robot (`webhook`). Text is made here; the command prints it."""
