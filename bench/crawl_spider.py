"""The Scrapy side of bench/crawl.sh: a CrawlSpider that follows every same-host link and yields the
URL and <title> of each page (Scrapy's usual minimal item).

    scrapy runspider bench/crawl_spider.py -a start_url=http://127.0.0.1:18080/ -O out.jsonl
"""
from urllib.parse import urlsplit

from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class BlogSpider(CrawlSpider):
    name = "blog"
    rules = (Rule(LinkExtractor(), callback="parse_item", follow=True),)
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": 0,               # politeness delays off, as for lookback and wget
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }

    def __init__(self, start_url: str, *args, **kwargs):
        self.start_urls = [start_url]
        self.allowed_domains = [urlsplit(start_url).hostname]
        super().__init__(*args, **kwargs)

    def parse_start_url(self, response, **kwargs):
        return self.parse_item(response)

    def parse_item(self, response):
        yield {"url": response.url, "title": response.css("title::text").get()}
