"""Turning documents into other forms: Word → clean HTML (``docx_import``), the portal's HTML
→ Word (``docx_export``), and the HTML clean-up both share (``html``)."""
