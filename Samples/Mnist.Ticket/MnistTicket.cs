using SlthGen;

namespace SlthGen.Samples.MnistTicket;

/// <summary>
/// A 4-bit 784-500-10 MNIST classifier (trained and quantised by Samples/Mnist.Training), found
/// exactly inside a random network whose weights were rounded down to δ = 2^-2 (9 distinct
/// values): 28×28 pixels in, quantised to γ = 2^-4 (integers 0–16, see <see cref="Quantize"/>),
/// ten class scores out (units of 2^-4); the predicted digit is the largest score.
/// </summary>
[TicketNetwork(Seed = 2024, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, InputMin = 0, InputMax = 1)]
[WeightsFile("mnist-4bit.npz")]
public static partial class MnistTicket
{
    /// <summary>
    /// An MNIST grey level (0–255, the input grey/255 ∈ [0, 1]) → the input the network takes: the
    /// nearest multiple of γ = 1/16, in units of γ (0–16), i.e. round(16·grey/255) (never a tie).
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="grey"/> is outside 0–255.</exception>
    public static int Quantize(int grey) =>
        grey is >= 0 and <= 255 ? ((32 * grey) + 255) / 510 : throw new System.ArgumentOutOfRangeException(nameof(grey), grey, "A grey level lies in 0–255.");

    /// <summary>The digit (0–9) the classifier predicts for 784 pixel values (0–16); ties go to the smaller digit.</summary>
    /// <exception cref="System.ArgumentException">There are not 784 pixels.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A pixel is outside 0–16.</exception>
    public static int Predict(System.ReadOnlySpan<int> pixels)
    {
        System.Span<int> scores = stackalloc int[OutputCount];
        Evaluate(pixels, scores);
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }
}
