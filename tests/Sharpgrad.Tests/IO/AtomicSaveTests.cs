using System.Collections;
using Sharpgrad.IO;

namespace Sharpgrad.Tests.IO;

/// <summary>Saving goes through a temporary file, so a failure never leaves the target half-written.</summary>
public class AtomicSaveTests : TempDirectory
{
    private static readonly byte[] OldContents = [1, 2, 3, 4, 5];

    [Fact]
    public void AWriterThatFailsHalfwayLeavesTheTargetUntouchedAndNoTemporaryFile()
    {
        var path = PathOf("model.safetensors");
        File.WriteAllBytes(path, OldContents);
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[10_000]);
            stream.Flush();
            Assert.Equal(2, Files().Length); // the target and the temporary file, which holds the partial bytes
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", e.Message);
        Assert.Equal(OldContents, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Files());
    }

    [Fact]
    public void SaveThatThrowsWhileSerialisingKeepsTheOldFile()
    {
        var path = PathOf("model.safetensors");
        File.WriteAllBytes(path, OldContents);
        var tensors = new Dictionary<string, Tensor?> { ["a"] = Tensor.Ones(3), ["b"] = null };
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, tensors!));
        Assert.Contains("tensor 'b' is null", e.Message);
        Assert.Equal(OldContents, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Files());
    }

    /// <summary>Yields one tensor and then fails, as a lazily computed state dict might.</summary>
    private sealed class FailingDictionary : IReadOnlyDictionary<string, Tensor>
    {
        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return new("a", Tensor.Ones(2));
            throw new IOException("source went away");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public int Count => 2;
        public Tensor this[string key] => throw new NotSupportedException();
        public IEnumerable<string> Keys => throw new NotSupportedException();
        public IEnumerable<Tensor> Values => throw new NotSupportedException();
        public bool ContainsKey(string key) => throw new NotSupportedException();
        public bool TryGetValue(string key, out Tensor value) => throw new NotSupportedException();
    }

    [Fact]
    public void SaveWhoseSourceFailsMidwayKeepsTheOldFile()
    {
        var path = PathOf("model.safetensors");
        File.WriteAllBytes(path, OldContents);
        Assert.Throws<IOException>(() => SafeTensors.Save(path, new FailingDictionary()));
        Assert.Equal(OldContents, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Files());
    }

    [Fact]
    public void SaveReplacesAnExistingFileWhole()
    {
        var path = PathOf("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["big"] = Tensor.Ones(100) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["small"] = Tensor.Zeros(1) });
        var loaded = SafeTensors.Load(path);
        Assert.Equal(["small"], loaded.Keys);
        Assert.Equal(["model.safetensors"], Files());
    }

    [Fact]
    public void SaveIntoAMissingDirectoryFailsWithoutLeavingFiles()
    {
        Assert.Throws<DirectoryNotFoundException>(() =>
            SafeTensors.Save(PathOf("missing/model.safetensors"), new Dictionary<string, Tensor> { ["a"] = Tensor.Ones(1) }));
        Assert.Empty(Files());
    }
}
