namespace Sharpgrad.Cli.Report;

/// <summary>
/// A piece of HTML that is safe to put on a page. The only ways to make one are <see cref="Html.Text"/> (which escapes)
/// and the element builders of <see cref="Html"/> (which escape their attributes and take their content as SafeHtml), so a
/// name, claim or setting read from a file can never inject a tag: the type system keeps track of what was escaped.
/// </summary>
public readonly record struct SafeHtml
{
    internal SafeHtml(string html) => Value = html;

    /// <summary>The HTML text.</summary>
    public string Value { get; }

    public static SafeHtml Empty { get; } = new("");

    public override string ToString() => Value;
}
