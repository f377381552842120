package dev.doppel.core.engine;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a plain SQL script the engine's own client loads ({@code psql}, {@code mysql}): the
 * schema statements, the rows and the statements that follow the data, in that order. Rows come
 * in {@link dev.doppel.core.text.RowText} form. Obtained from {@link RelationalEngine#sqlScript}.
 */
public interface SqlScriptWriter {
    /** Session settings at the top of the script, so that the rows load as written. */
    void begin(OutputStream out) throws IOException;

    /** One schema statement, terminated for the client. */
    void statement(OutputStream out, DdlStatement statement) throws IOException;

    /** Starts the rows of a table. */
    void beginRows(OutputStream out, TableName table, List<Column> columns) throws IOException;

    /** Rows in RowText form: whole rows, each ending with a line feed. */
    void rows(OutputStream out, byte[] buffer, int offset, int length) throws IOException;

    /** Ends the rows of the table begun last. */
    void endRows(OutputStream out) throws IOException;

    /** The last lines of the script. */
    void end(OutputStream out) throws IOException;
}
