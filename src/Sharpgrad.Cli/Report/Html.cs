using System.Text;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// Builds <see cref="SafeHtml"/>: escaped text, elements with escaped attributes, links and tables. Tag names are the
/// caller's literals; everything that comes from data (text, attribute values, URLs) is escaped here.
/// </summary>
public static class Html
{
    /// <summary>
    /// Escapes the five characters that can end text or an attribute value in HTML: &amp; &lt; &gt; " and '. Control
    /// characters other than tab and line breaks cannot appear in an HTML document at all; they become U+FFFD.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => c.ToString(),
                _ when char.IsControl(c) => "\uFFFD",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }

    /// <summary>Plain text, escaped.</summary>
    public static SafeHtml Text(string text) => new(Escape(text));

    /// <summary>&lt;tag attr="value"…&gt;content&lt;/tag&gt;, the attribute values escaped.</summary>
    public static SafeHtml Element(string tag, SafeHtml content, params (string Name, string Value)[] attributes) =>
        new($"<{tag}{Attributes(attributes)}>{content.Value}</{tag}>");

    /// <summary>An element whose content is plain text.</summary>
    public static SafeHtml Element(string tag, string text, params (string Name, string Value)[] attributes) =>
        Element(tag, Text(text), attributes);

    /// <summary>The parts one after another, each on its own line.</summary>
    public static SafeHtml Join(IEnumerable<SafeHtml> parts) => new(string.Join('\n', parts.Select(p => p.Value)));

    public static SafeHtml Join(params SafeHtml[] parts) => Join((IEnumerable<SafeHtml>)parts);

    /// <summary>A link to a page or file of the site, given as path segments relative to the current page.</summary>
    public static SafeHtml Link(string href, SafeHtml content) => Element("a", content, ("href", href));

    public static SafeHtml Link(string href, string text) => Link(href, Text(text));

    /// <summary>
    /// A relative URL from path segments: each segment is percent-encoded, so a run called "a b#1" links to
    /// <c>a%20b%231.html</c>, which the browser maps back to the file's real name.
    /// </summary>
    public static string Url(params string[] segments) => string.Join('/', segments.Select(s => s == ".." ? s : Uri.EscapeDataString(s)));

    /// <summary>An image with its alternative text; the width and height come from the browser.</summary>
    public static SafeHtml Image(string src, string alt) => new($"<img{Attributes([("src", src), ("alt", alt)])}>");

    /// <summary>A figure: the image and a caption naming the file.</summary>
    public static SafeHtml Figure(string src, string caption) =>
        Element("figure", Join(Link(src, Image(src, caption)), Element("figcaption", caption)));

    /// <summary>A bulleted list.</summary>
    public static SafeHtml List(IEnumerable<SafeHtml> items) => Element("ul", Join(items.Select(i => Element("li", i))));

    /// <summary>A table with a header row of plain text and body cells of markup.</summary>
    public static SafeHtml Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<SafeHtml>> rows) =>
        Element("table", Join(
            Element("thead", Element("tr", Join(header.Select(h => Element("th", h))))),
            Element("tbody", Join(rows.Select(row => Element("tr", Join(row.Select(cell => Element("td", cell)))))))));

    private static string Attributes((string Name, string Value)[] attributes) =>
        string.Concat(attributes.Select(a => $" {a.Name}=\"{Escape(a.Value)}\""));
}
