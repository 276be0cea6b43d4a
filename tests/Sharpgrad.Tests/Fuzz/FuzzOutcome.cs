namespace Sharpgrad.Tests.Fuzz;

/// <summary>
/// The one rule every fuzz case is held to (issue #11): the input either loads with the correct data, or is rejected
/// with an exception of the expected kind whose message names the file or op and says what was expected. A crash
/// (any other exception) or a silent acceptance of wrong data fails the case.
/// </summary>
internal static class FuzzOutcome
{
    /// <summary>Runs <paramref name="load"/>; on success runs <paramref name="checkData"/>, on failure checks the exception.</summary>
    public static void Expect<TException, TResult>(string caseName, Func<TResult> load, Action<TResult> checkData, params string[] named)
        where TException : Exception
    {
        TResult result;
        try
        {
            result = load();
        }
        catch (TException e)
        {
            foreach (var part in named)
                Assert.True(e.Message.Contains(part, StringComparison.Ordinal), $"{caseName}: the message does not name '{part}': {e.Message}");
            Assert.DoesNotContain("\n", e.Message);
            return;
        }
        catch (Exception e)
        {
            Assert.Fail($"{caseName}: crashed with {e.GetType().Name} instead of {typeof(TException).Name}: {e.Message}");
            return;
        }
        checkData(result);
    }
}
