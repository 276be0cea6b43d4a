using System.Text;
using Sharpgrad.Tests.Support;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

public sealed class Word2VecFormatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sharpgrad-w2v-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static KeyedVectors Sample() => new(["the", "café", "don't"], [0.1f, -2.5e-7f, 3f, float.Epsilon, 1e30f, -0f, 7.25f, -1f, 0.333333343f], 3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsKeepEveryBit(bool binary)
    {
        var kv = Sample();
        Word2VecFormat.Save(kv, PathOf("v"), binary);
        var back = Word2VecFormat.Load(PathOf("v"), binary);
        Assert.Equal(kv.Words, back.Words);
        foreach (var word in kv.Words)
            Assert.Equal(kv[word].ToArray().Select(BitConverter.SingleToInt32Bits), back[word].ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void TheTextFormatIsWord2Vecs()
    {
        Word2VecFormat.Save(new KeyedVectors(["a", "b"], [1f, -0.5f, 0.25f, 2f], 2), PathOf("v.txt"));
        Assert.Equal("2 2\na 1 -0.5\nb 0.25 2\n", File.ReadAllText(PathOf("v.txt")));
        Word2VecFormat.Save(new KeyedVectors(["a"], [1f], 1), PathOf("v.bin"), binary: true);
        Assert.Equal([.. "1 1\na "u8.ToArray(), 0, 0, 0x80, 0x3f, (byte)'\n'], File.ReadAllBytes(PathOf("v.bin")));
    }

    /// <summary>Files gensim's save_word2vec_format wrote (Fixtures/make_word2vec_fixtures.py) load with the same vectors.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GensimsFilesLoad(bool binary)
    {
        var json = Fixture.Load("word2vec.json");
        if (binary) File.WriteAllBytes(PathOf("g"), Convert.FromBase64String(json.GetProperty("binary_base64").GetString()!));
        else File.WriteAllText(PathOf("g"), json.GetProperty("text").GetString()!);
        var loaded = Word2VecFormat.Load(PathOf("g"), binary);
        var expected = KeyedVectorsTests.FromFixture(json);
        Assert.Equal(expected.Words, loaded.Words);
        foreach (var word in expected.Words) Assert.Equal(expected[word].ToArray(), loaded[word].ToArray());
    }

    [Theory]
    [InlineData("2 2\na 1 2\n", "line 3: the file ends after 1 of the 2 vectors its header announces")]
    [InlineData("2 two\n", "line 1: expected a header \"V d\" of two integers (V ≥ 0 words, d ≥ 1 dimensions), got '2 two'")]
    [InlineData("", "line 1: expected a header \"V d\"")]
    [InlineData("1 2\na 1\n", "line 2: expected a word and 2 numbers separated by single spaces, got 2 fields")]
    [InlineData("2 2\na 1 2\nb 3 x4\n", "line 3, column 3: expected a number for element 1 of 'b', got 'x4'")]
    [InlineData("2 1\na 1\na 2\n", "the word 'a' appears twice")]
    public void MalformedTextFilesNameTheLine(string content, string expected)
    {
        File.WriteAllText(PathOf("bad.txt"), content);
        var ex = Assert.Throws<InvalidDataException>(() => Word2VecFormat.Load(PathOf("bad.txt")));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("bad.txt", ex.Message);
    }

    [Fact]
    public void MalformedBinaryFilesNameTheByteOffset()
    {
        // Header "2 2\n" is bytes 0–3, record 0 "a " + 8 bytes + "\n" is bytes 4–14, record 1 starts at 15.
        byte[] good = [.. "2 2\na "u8.ToArray(), .. new byte[8], (byte)'\n', .. "b "u8.ToArray(), .. new byte[8]];
        File.WriteAllBytes(PathOf("cut.bin"), good[..^3]);
        Assert.Contains("byte offset 22: the vector of 'b' (record 1 of 2) is cut short: expected 8 bytes (2 float32), got 5",
            Assert.Throws<InvalidDataException>(() => Word2VecFormat.Load(PathOf("cut.bin"), binary: true)).Message);
        File.WriteAllBytes(PathOf("short.bin"), good[..15]);
        Assert.Contains("byte offset 15: the file ends inside record 1 of 2",
            Assert.Throws<InvalidDataException>(() => Word2VecFormat.Load(PathOf("short.bin"), binary: true)).Message);
        // A damaged header announcing 2·10⁹ values is refused before anything is allocated.
        File.WriteAllBytes(PathOf("huge.bin"), [.. "2000000000 300\n"u8.ToArray(), .. good[4..]]);
        Assert.Contains("byte offset 0: the header announces 2000000000 vectors of 300 values, more than the file's",
            Assert.Throws<InvalidDataException>(() => Word2VecFormat.Load(PathOf("huge.bin"), binary: true)).Message);
        File.WriteAllBytes(PathOf("header.bin"), Encoding.ASCII.GetBytes("not a header\n"));
        Assert.Contains("byte offset 0: expected a header \"V d\"",
            Assert.Throws<InvalidDataException>(() => Word2VecFormat.Load(PathOf("header.bin"), binary: true)).Message);
    }

    [Fact]
    public void WordsTheFormatCannotHoldAreRefused() =>
        Assert.Contains("the word 'a b' is empty or holds a space",
            Assert.Throws<ArgumentException>(() => Word2VecFormat.Save(new KeyedVectors(["a b"], [1f], 1), PathOf("x"))).Message);
}
