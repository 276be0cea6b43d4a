namespace Sharpgrad.Backends.Reference;

/// <summary>
/// The readable backend: every primitive as the plain loop a textbook would write, one element at a time, on one
/// thread, with no SIMD, blocking or fusion. It is the oracle of the conformance tests (the op table run on both
/// backends) and the place to read how each algorithm computes. It shares the host memory of <see cref="HostBackend"/>
/// but never calls a CPU kernel (the layering tests hold that).
/// </summary>
internal sealed partial class ReferenceBackend(Device device) : HostBackend(device);
