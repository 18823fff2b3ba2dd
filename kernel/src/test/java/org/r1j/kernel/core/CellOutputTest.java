package org.r1j.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

class CellOutputTest {
    @Test
    void mergesStreamTextAndKeepsOnlyTheLatestUpdatePerDisplay() {
        CellOutput out = new CellOutput();
        out.write(false, "a");
        out.write(false, "b");
        out.write(true, "err");
        DisplayData shown = new DisplayData("v0");
        shown.setDisplayId("d1");
        out.display(shown);
        for (int i = 1; i <= 3; i++) {
            DisplayData update = new DisplayData("v" + i);
            update.setDisplayId("d1");
            out.update(update);
        }
        List<CellOutput.Event> events = out.drain();
        assertEquals(4, events.size());
        assertEquals(new CellOutput.Stream(false, "ab"), events.get(0));
        assertEquals(new CellOutput.Stream(true, "err"), events.get(1));
        assertInstanceOf(CellOutput.Display.class, events.get(2));
        assertEquals("v3", ((CellOutput.Update) events.get(3)).data().getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertEquals(List.of(), out.drain());
    }
}
