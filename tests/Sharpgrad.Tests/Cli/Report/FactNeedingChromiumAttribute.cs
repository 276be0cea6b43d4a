namespace Sharpgrad.Tests.Cli.Report;

/// <summary>A fact that is skipped, with the reason shown, where Chromium is not installed.</summary>
public sealed class FactNeedingChromiumAttribute : FactAttribute
{
    public FactNeedingChromiumAttribute()
    {
        if (HeadlessChromium.Path is null)
            Skip = "chromium is not on PATH: install it (apt-get install chromium; .ci/run does) to render the report in a real browser.";
    }
}
