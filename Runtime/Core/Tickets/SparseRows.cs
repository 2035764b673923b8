using System;

namespace SlthGen;

/// <summary>
/// The kept entries of one pruned layer, collected as (row, column) pairs in any order and with
/// repeats (several instances of a row may pick the same hidden neuron), then turned into CSR with
/// each row's columns ascending and distinct. A counting sort by row and a sort of each short row
/// replace a balanced tree per row: at 784-500-10 the first B layer holds about 10^6 entries, and
/// one tree node per entry made assembling it take longer than solving it.
/// </summary>
internal sealed class SparseRows
{
    private readonly int _rows;
    private readonly int[] _counts;
    private int[] _pairRows = new int[16];
    private int[] _pairColumns = new int[16];
    private int _size;

    /// <param name="rows">The layer's row count.</param>
    public SparseRows(int rows)
    {
        _rows = rows;
        _counts = new int[rows];
    }

    /// <summary>Adds entry (row, column); a repeat is kept once.</summary>
    public void Add(int row, int column)
    {
        if (_size == _pairRows.Length)
        {
            Array.Resize(ref _pairRows, _size * 2);
            Array.Resize(ref _pairColumns, _size * 2);
        }

        _pairRows[_size] = row;
        _pairColumns[_size] = column;
        _size++;
        _counts[row]++;
    }

    /// <summary>Adds (row, c) for every c in <paramref name="columns"/>.</summary>
    public void Add(int row, int[] columns)
    {
        foreach (int c in columns)
        {
            Add(row, c);
        }
    }

    /// <summary>The entries as CSR: row r's columns are columns[rowStart[r] .. rowStart[r+1]), ascending and distinct.</summary>
    public (int[] RowStart, int[] Columns) ToCsr()
    {
        // Counting sort by row.
        var next = new int[_rows + 1];
        for (int r = 0; r < _rows; r++)
        {
            next[r + 1] = next[r] + _counts[r];
        }

        var grouped = new int[_size];
        var fill = (int[])next.Clone();
        for (int i = 0; i < _size; i++)
        {
            grouped[fill[_pairRows[i]]++] = _pairColumns[i];
        }

        // Sort each row, drop repeats, and close the gaps they leave.
        var rowStart = new int[_rows + 1];
        int at = 0;
        for (int r = 0; r < _rows; r++)
        {
            rowStart[r] = at;
            int start = next[r], length = next[r + 1] - start;
            Array.Sort(grouped, start, length);
            for (int i = start; i < start + length; i++)
            {
                if (i == start || grouped[i] != grouped[i - 1])
                {
                    grouped[at++] = grouped[i];
                }
            }
        }

        rowStart[_rows] = at;
        if (at < grouped.Length)
        {
            Array.Resize(ref grouped, at);
        }

        return (rowStart, grouped);
    }
}
