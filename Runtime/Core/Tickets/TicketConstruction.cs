namespace SlthGen;

/// <summary>Which of the paper's constructions turns the target into a ticket.</summary>
public enum TicketConstruction
{
    /// <summary>Theorem 1 (Pensia-style): every target layer becomes two layers of g, depth 2ℓ; needs δ² ≤ δt.</summary>
    Depth2L = 0,

    /// <summary>Theorem 2 (Burkholz-style): depth ℓ+1 with copies of every hidden neuron; needs δ ≤ δt.</summary>
    DepthLPlus1 = 1,
}
