namespace Sharpgrad.Cli.Report;

/// <summary>
/// The frame every page of the report shares: the doctype, the character set, the inline style sheet (no external
/// assets, so the site opens offline and from any folder) and a link back to the index. No script: nothing is dynamic.
/// </summary>
public static class HtmlPage
{
    /// <summary>The style sheet, inlined in every page so that each file stands alone.</summary>
    public const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        nav { font-size: 0.9em; margin-bottom: 1em; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        code, pre { font-family: ui-monospace, monospace; background: #f5f5f5; }
        pre { padding: 0.6em; white-space: pre-wrap; overflow-wrap: anywhere; }
        figure { display: inline-block; vertical-align: top; margin: 0.5em 1em 0.5em 0; }
        figure img { max-width: 520px; border: 1px solid #ddd; }
        figcaption { font-size: 0.85em; color: #555; }
        .held { color: #1a7f37; font-weight: bold; }
        .failed { color: #b42318; font-weight: bold; }
        .pending { color: #777; }
        """;

    /// <summary>A whole page: <paramref name="title"/> as the title and heading, then <paramref name="body"/>.</summary>
    /// <param name="indexHref">The index's URL relative to this page, or null on the index itself.</param>
    public static string Render(string title, SafeHtml body, string? indexHref)
    {
        var navigation = indexHref is null ? SafeHtml.Empty : Html.Element("nav", Html.Link(indexHref, "← Sharpgrad experiments and runs"));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Escape(title)}</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            {navigation}
            {Html.Element("h1", title)}
            {body}
            </body>
            </html>

            """;
    }
}
