package in.pos.terminal;

import com.getcapacitor.BridgeActivity;

public class MainActivity extends BridgeActivity {}
