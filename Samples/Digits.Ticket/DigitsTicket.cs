using SlthGen;

namespace SlthGen.Samples.DigitsTicket;

/// <summary>
/// The 4-bit 64-32-10 digit classifier of Samples/Digits, as an exact ticket: pixels 0–16 in,
/// ten class scores out (units of 2^-4); the predicted digit is the largest score.
/// </summary>
[TicketNetwork(Seed = 2024, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, InputMin = 0, InputMax = 1)]
[WeightsFile("../Digits/digits-4bit.npz")]
public static partial class DigitsTicket
{
    /// <summary>The digit (0–9) the classifier predicts for 64 pixel values (0–16); ties go to the smaller digit.</summary>
    /// <exception cref="System.ArgumentException">There are not 64 pixels.</exception>
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
