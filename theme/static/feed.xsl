<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS or Atom feed opened in a browser as a readable Vietnamese page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="vi">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></title>
        <link rel="stylesheet" href="/theme/css/site.css"/>
      </head>
      <body>
        <main id="noi-dung" class="wrap">
          <p class="feed-note">Đây là <strong>nguồn tin (RSS/Atom)</strong>: một địa chỉ để các phần mềm đọc tin
          tự động nhận tin mới. Sao chép địa chỉ trên thanh địa chỉ của trình duyệt và dán vào phần mềm đọc tin
          của bạn. <a href="/theo-doi/">Tìm hiểu cách theo dõi tin</a>.</p>
          <h1><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></h1>
          <ul class="post-list">
            <xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
              <li>
                <h2 class="post-title">
                  <a href="{link | atom:link[@rel='alternate' or not(@rel)]/@href}">
                    <xsl:value-of select="title | atom:title"/>
                  </a>
                </h2>
                <p class="post-meta"><xsl:value-of select="substring(atom:published, 9, 2)"/><xsl:if test="atom:published">/<xsl:value-of select="substring(atom:published, 6, 2)"/>/<xsl:value-of select="substring(atom:published, 1, 4)"/></xsl:if><xsl:value-of select="substring(pubDate, 6, 11)"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
