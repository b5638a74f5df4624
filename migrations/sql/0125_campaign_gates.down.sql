DROP TABLE campaign_closings;
DROP TABLE campaign_gate_passes;
DROP TABLE campaign_gates;
