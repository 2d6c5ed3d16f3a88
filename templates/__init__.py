"""The default theme: templates, print CSS, fonts and strings that any brief uses for the files
its own templates/ folder does not hold. Installed as the package `brief_theme`."""
