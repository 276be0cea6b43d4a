using System.IO.Compression;
using System.Text;
using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>GCIDE's layout in miniature (lines copied from gcide.dict.dz), gzip-compressed as dictzip files are.</summary>
public sealed class GcideReaderTests : IDisposable
{
    private const string Sample = """


        00-database-short
           The Collaborative International Dictionary of English v.0.48

        The original data was distributed with the notice shown below.
              A dictionary containing a natural history requires too
              many hands.                                 --Locke.
        Alleyway \Al"ley*way`\n.
           An alley.
           [1913 Webster]

        Allhallow \All`hal"low\, Allhallows \All`hal"lows\, n.
           1. All the saints (in heaven). [Obs.]
              [1913 Webster]

           2. All Saints' Day, November 1st. [Archaic]
              [1913 Webster]
        10th \10th\ adj.
           1. coming next after the ninth in a series

           Syn: tenth
                [WordNet 1.5]
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"sharpgrad-gcide-{Guid.NewGuid():N}.dict.dz");

    public GcideReaderTests()
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(Sample));
    }

    public void Dispose() => File.Delete(path);

    [Fact]
    public void DefinitionsBecomeSentencesWithoutHeadwordsSourceTagsOrSenseNumbers()
    {
        Assert.Equal(
        [
            "An alley.",
            "All the saints (in heaven). [Obs.]",
            "All Saints' Day, November 1st. [Archaic]",
            "coming next after the ninth in a series",
            "tenth",
        ], GcideReader.Paragraphs(path).ToList());
    }

    [Fact]
    public void ThePlainTextIsOneTokenisedSentenceALine()
    {
        var text = new StringWriter();
        var (sentences, tokens) = GcideReader.WritePlainText(path, text);
        Assert.Equal("an alley\nall the saints in heaven obs\nall saints day november 1st archaic\ncoming next after the ninth in a series\ntenth\n", text.ToString());
        Assert.Equal((5L, 23L), (sentences, tokens));
    }

    [Fact]
    public void AFileWithoutEntriesIsAnError()
    {
        var other = Path.Combine(Path.GetTempPath(), $"sharpgrad-notgcide-{Guid.NewGuid():N}.txt");
        File.WriteAllText(other, "just some text\nwith no headwords\n");
        try
        {
            Assert.Contains("has no dictionary entry", Assert.Throws<InvalidDataException>(() => GcideReader.Paragraphs(other).ToList()).Message);
        }
        finally
        {
            File.Delete(other);
        }
    }

    [Fact]
    public void AMissingFileSaysHowToGetIt() =>
        Assert.Contains("apt-get download dict-gcide", Assert.Throws<FileNotFoundException>(() => GcideReader.Paragraphs("/nonexistent/gcide.dict.dz")).Message);
}
