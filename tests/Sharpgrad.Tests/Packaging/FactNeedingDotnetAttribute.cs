namespace Sharpgrad.Tests.Packaging;

/// <summary>A fact that is skipped, with the reason shown, where no `dotnet` executable is on PATH.</summary>
public sealed class FactNeedingDotnetAttribute : FactAttribute
{
    public FactNeedingDotnetAttribute()
    {
        if (!DotnetProcess.IsOnPath())
        {
            Skip = "dotnet is not on PATH, so packages cannot be packed or installed here.";
        }
    }
}
