// Crawl module
