using Sharpgrad.IO;

namespace Sharpgrad.Tests.IO;

/// <summary>A save killed before its rename leaves a temporary file; the next successful save of that file removes it.</summary>
public class StrayTemporaryFileTests : TempDirectory
{
    [Fact]
    public void ASuccessfulSaveRemovesTheLeftoversOfAKilledOne()
    {
        var path = PathOf("model.safetensors");
        File.WriteAllBytes(PathOf(".model.safetensors.0123456789abcdef.tmp"), new byte[1000]); // as a kill -9 leaves it
        File.WriteAllBytes(PathOf(".other.safetensors.0123456789abcdef.tmp"), new byte[10]);   // another file's: not ours
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) });
        Assert.Equal([".other.safetensors.0123456789abcdef.tmp", "model.safetensors"], Files());
    }

    [Fact]
    public void ATemporaryFileStillBeingWrittenIsLeftAlone()
    {
        var path = PathOf("model.safetensors");
        var busy = PathOf(".model.safetensors.fedcba9876543210.tmp");
        using (new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None)) // a concurrent writer holds it
        {
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) });
            Assert.True(File.Exists(busy));
        }
    }
}
