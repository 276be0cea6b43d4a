namespace Sharpgrad.NN;

/// <summary>How <see cref="Functional.Interpolate"/> and <see cref="Upsample"/> compute values between input positions.</summary>
public enum InterpolationMode
{
    /// <summary>Each output copies the input position ⌊o·scale⌋ (PyTorch's "nearest"); any number of spatial dims.</summary>
    Nearest,

    /// <summary>Linear interpolation between the two nearest inputs; 3-D inputs [N, C, L].</summary>
    Linear,

    /// <summary>Linear interpolation along height and width; 4-D inputs [N, C, H, W].</summary>
    Bilinear,

    /// <summary>Linear interpolation along depth, height and width; 5-D inputs [N, C, D, H, W].</summary>
    Trilinear,
}
