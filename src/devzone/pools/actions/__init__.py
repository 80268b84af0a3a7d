"""Pool actions: each one checks nothing (the views do), writes in one transaction and audits it."""
